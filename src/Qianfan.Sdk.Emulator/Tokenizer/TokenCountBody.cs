using Qianfan.Sdk.Emulator.Areas;

namespace Qianfan.Sdk.Emulator.Tokenizer;

/// <summary>The token-count answer: <c>{id, object:"tokenizer.erniebot", created, usage}</c>.</summary>
internal sealed class TokenCountBody
{
    public required string Id { get; init; }

    public string Object { get; init; } = "tokenizer.erniebot";

    public required long Created { get; init; }

    public required PromptUsageBody Usage { get; init; }
}
