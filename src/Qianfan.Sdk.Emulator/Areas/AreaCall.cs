using Microsoft.AspNetCore.Http;

namespace Qianfan.Sdk.Emulator.Areas;

/// <summary>
/// A valid call to one of the APIs beside chat, as the shared call handling needs it: the prompt tokens the TPM quota
/// charges, whether it streams (so <see cref="EmulatorScenarios.FailNextStreamsAtStart"/> applies), and its answer.
/// </summary>
internal abstract class AreaCall(int promptTokens, bool isStream = false)
{
    public int PromptTokens { get; } = promptTokens;

    public bool IsStream { get; } = isStream;

    /// <summary>Decides the whole answer once the call is admitted, before anything is written.</summary>
    public abstract AreaAnswer Answer(HttpContext context);
}
