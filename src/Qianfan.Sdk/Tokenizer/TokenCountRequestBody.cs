using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Tokenizer;

/// <summary>The wire form of a token count: the text and the model family whose tokenizer counts it.</summary>
internal sealed class TokenCountRequestBody
{
    [JsonPropertyName("prompt")]
    public required string Prompt { get; init; }

    [JsonPropertyName("model")]
    public required string Model { get; init; }
}
