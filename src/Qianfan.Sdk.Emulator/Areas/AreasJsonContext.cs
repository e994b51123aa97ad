using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Emulator.Areas;

/// <summary>Source-generated JSON for the answers of the APIs beside chat, written like the service's: snake_case, raw UTF-8.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Embeddings.EmbeddingListBody))]
[JsonSerializable(typeof(Rerank.RerankListBody))]
[JsonSerializable(typeof(Images.ImageListBody))]
[JsonSerializable(typeof(Images.ImageUrlListBody))]
[JsonSerializable(typeof(Tokenizer.TokenCountBody))]
internal sealed partial class AreasJsonContext : JsonSerializerContext
{
    /// <summary>The context the answers are written with: Chinese text as raw UTF-8, not <c>\uXXXX</c>.</summary>
    public static AreasJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
