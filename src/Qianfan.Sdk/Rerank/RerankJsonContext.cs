using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Rerank;

/// <summary>The rerank area's wire types, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RerankRequestBody))]
[JsonSerializable(typeof(RerankResponse))]
internal sealed partial class RerankJsonContext : JsonSerializerContext;
