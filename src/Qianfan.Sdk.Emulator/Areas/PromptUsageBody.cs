namespace Qianfan.Sdk.Emulator.Areas;

/// <summary>The usage of a call that generates no text (embeddings, rerank, images, token counts): prompt tokens only.</summary>
internal sealed record PromptUsageBody(int PromptTokens, int TotalTokens)
{
    public static PromptUsageBody Of(int promptTokens) => new(promptTokens, promptTokens);
}
