using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// The reply's <c>output</c> as sent, in either shape: <see cref="Text"/> and <see cref="FinishReason"/> for the
/// <c>text</c> format, <see cref="Choices"/> for the <c>message</c> format. <see cref="GenerationResponse"/> reads both alike.
/// </summary>
public sealed class GenerationOutput
{
    /// <summary>The answer, in the <c>text</c> format; null in the <c>message</c> format.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>Why it stopped, in the <c>text</c> format, as written (<c>"null"</c> while a stream goes on).</summary>
    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    /// <summary>The answers, in the <c>message</c> format; empty (never null) in the <c>text</c> format.</summary>
    [JsonPropertyName("choices")]
    public IReadOnlyList<GenerationChoice> Choices { get; set => field = value ?? []; } = [];

    /// <summary>Fields of <c>output</c> this version does not model (e.g. <c>search_info</c>), as sent.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
