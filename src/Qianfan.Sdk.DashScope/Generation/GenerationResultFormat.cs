using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// The shape of the reply (<c>parameters.result_format</c>): it, not whether the request sent <c>prompt</c> or
/// <c>messages</c>, decides between <c>output.text</c> and <c>output.choices</c>. The SDK reads both into one
/// <see cref="GenerationResponse"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<GenerationResultFormat>))]
public enum GenerationResultFormat
{
    /// <summary><c>text</c>: <c>output.text</c> and <c>output.finish_reason</c> (most models' default).</summary>
    [JsonStringEnumMemberName("text")]
    Text,

    /// <summary><c>message</c>: <c>output.choices[].message</c>, with tool calls and reasoning; needed for tools.</summary>
    [JsonStringEnumMemberName("message")]
    Message,
}
