using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Embeddings;

/// <summary>The embeddings area's wire types, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmbeddingRequestBody))]
[JsonSerializable(typeof(EmbeddingResponse))]
internal sealed partial class EmbeddingsJsonContext : JsonSerializerContext;
