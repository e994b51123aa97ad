using System.Collections.Concurrent;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>What the DashScope routes of one emulator share: the key they accept and the tasks submitted so far.</summary>
internal sealed class DashScopeState(string apiKey)
{
    public string ApiKey { get; } = apiKey;

    public ConcurrentDictionary<string, EmulatedTask> Tasks { get; } = new(StringComparer.Ordinal);
}
