using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>One answer of a <see cref="GenerationResultFormat.Message"/> reply (<c>output.choices[]</c>).</summary>
public sealed class GenerationChoice
{
    /// <summary>The answer's position (several with <see cref="GenerationRequest.N"/>).</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>Why it stopped as the service wrote it: <c>stop</c>, <c>length</c>, <c>tool_calls</c>, or the string <c>"null"</c> while a stream goes on.</summary>
    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    /// <summary>The assistant's message.</summary>
    [JsonPropertyName("message")]
    public GenerationMessage? Message { get; set; }

    /// <summary>The tokens' log probabilities (with <see cref="GenerationRequest.Logprobs"/>), as sent.</summary>
    [JsonPropertyName("logprobs")]
    public JsonElement? Logprobs { get; set; }
}
