using System.Text.Json;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Tokenizer;

/// <summary>
/// Token counting (<c>tokenizer/erniebot</c>): <c>{prompt, model}</c> with an ERNIE model family (<c>ernie-bot</c>,
/// <c>ernie-4.0-8k</c> …), counted by the SDK's estimate rule. Counting spends no tokens, so it charges nothing to the
/// TPM quota, but it is a request like any other for QPS and RPM.
/// </summary>
internal sealed class TokenizerArea(EmulatorState state) : IV1Area
{
    public const string Endpoint = "erniebot";

    public string Family => "tokenizer";

    public bool Serves(string endpoint) => endpoint == Endpoint;

    public AreaCall? Read(string endpoint, JsonElement body, out string? rule)
    {
        var prompt = AreaBody.String(body, "prompt", out _);
        var model = AreaBody.String(body, "model", out _);
        rule = string.IsNullOrEmpty(prompt) ? "prompt must not be empty"
            : string.IsNullOrEmpty(model) ? "model must not be empty"
            : !model.StartsWith("ernie", StringComparison.OrdinalIgnoreCase) ? $"model {model} is not supported by the tokenizer"
            : null;
        return rule is null ? new TokenCountCall(state, TokenEstimator.Count(prompt!)) : null;
    }
}
