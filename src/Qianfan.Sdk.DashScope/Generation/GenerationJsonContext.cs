using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>The text-generation area's wire types, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GenerationRequestBody))]
[JsonSerializable(typeof(GenerationResponse))]
[JsonSerializable(typeof(GenerationChunk))]
internal sealed partial class GenerationJsonContext : JsonSerializerContext;
