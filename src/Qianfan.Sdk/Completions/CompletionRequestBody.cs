using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Completions;

/// <summary>The wire form of a <see cref="CompletionRequest"/>; null members are left out.</summary>
internal sealed class CompletionRequestBody
{
    [JsonPropertyName("prompt")]
    public required string Prompt { get; init; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }

    [JsonPropertyName("temperature")]
    public float? Temperature { get; init; }

    [JsonPropertyName("top_k")]
    public int? TopK { get; init; }

    [JsonPropertyName("top_p")]
    public float? TopP { get; init; }

    [JsonPropertyName("penalty_score")]
    public float? PenaltyScore { get; init; }

    [JsonPropertyName("stop")]
    public IList<string>? Stop { get; init; }

    [JsonPropertyName("max_output_tokens")]
    public int? MaxOutputTokens { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    public static CompletionRequestBody From(CompletionRequest request, bool stream) => new()
    {
        Prompt = request.Prompt,
        Stream = stream ? true : null,
        Temperature = request.Temperature,
        TopK = request.TopK,
        TopP = request.TopP,
        PenaltyScore = request.PenaltyScore,
        Stop = request.Stop.Count == 0 ? null : request.Stop,
        MaxOutputTokens = request.MaxOutputTokens,
        UserId = request.UserId,
    };
}
