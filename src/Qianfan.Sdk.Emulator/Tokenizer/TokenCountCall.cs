using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Tokenizer;

/// <summary>A valid token count: charges no tokens to the quota, answers the count as <c>prompt_tokens</c> and <c>total_tokens</c>.</summary>
internal sealed class TokenCountCall(EmulatorState state, int tokens) : AreaCall(0)
{
    public override AreaAnswer Answer(HttpContext context) => AreaAnswer.Json(
        new TokenCountBody
        {
            Id = AnswerId.NewTurnId(),
            Created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            Usage = PromptUsageBody.Of(tokens),
        },
        AreasJsonContext.Wire.TokenCountBody);
}
