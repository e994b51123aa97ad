using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Emulator.Serialization;

/// <summary>Source-generated JSON for every body the emulator writes: no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(OAuthErrorBody))]
[JsonSerializable(typeof(TokenBody))]
[JsonSerializable(typeof(ChatCompletionBody))]
[JsonSerializable(typeof(V2.V2ErrorBody))]
[JsonSerializable(typeof(V2.V2CompletionBody))]
[JsonSerializable(typeof(V2.V2ChunkBody))]
[JsonSerializable(typeof(V2.V2UsageOnlyBody))]
[JsonSerializable(typeof(V2.V2ModelListBody))]
[JsonSerializable(typeof(V2.BceErrorBody))]
[JsonSerializable(typeof(V2.BearerTokenBody))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the emulator writes with: like the service it sends Chinese text as raw UTF-8, not <c>\uXXXX</c>.
    /// </summary>
    public static EmulatorJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
