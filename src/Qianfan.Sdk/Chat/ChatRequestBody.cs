using System.Text.Json;
using System.Text.Json.Serialization;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Chat;

/// <summary>The wire form of a <see cref="ChatRequest"/>; null members are left out so the service applies its defaults.</summary>
internal sealed class ChatRequestBody
{
    [JsonPropertyName("messages")]
    public required IList<ChatMessage> Messages { get; init; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }

    [JsonPropertyName("system")]
    public string? System { get; init; }

    [JsonPropertyName("temperature")]
    public float? Temperature { get; init; }

    [JsonPropertyName("top_p")]
    public float? TopP { get; init; }

    [JsonPropertyName("top_k")]
    public int? TopK { get; init; }

    [JsonPropertyName("penalty_score")]
    public float? PenaltyScore { get; init; }

    [JsonPropertyName("max_output_tokens")]
    public int? MaxOutputTokens { get; init; }

    [JsonPropertyName("frequency_penalty")]
    public float? FrequencyPenalty { get; init; }

    [JsonPropertyName("presence_penalty")]
    public float? PresencePenalty { get; init; }

    [JsonPropertyName("stop")]
    public IList<string>? Stop { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    public static ChatRequestBody From(ChatRequest request, bool stream) => new()
    {
        Messages = request.Messages,
        Stream = stream ? true : null,
        System = request.System,
        Temperature = request.Temperature,
        TopP = request.TopP,
        TopK = request.TopK,
        PenaltyScore = request.PenaltyScore,
        MaxOutputTokens = request.MaxOutputTokens,
        FrequencyPenalty = request.FrequencyPenalty,
        PresencePenalty = request.PresencePenalty,
        Stop = request.Stop.Count == 0 ? null : request.Stop,
        UserId = request.UserId,
        AdditionalProperties = AdditionalFields.ToSend(request.ExtraFields),
    };
}
