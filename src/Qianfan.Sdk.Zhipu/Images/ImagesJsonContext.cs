using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Images;

/// <summary>The images area's wire types, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageGenerationRequestBody))]
[JsonSerializable(typeof(ImageGenerationResponse))]
internal sealed partial class ImagesJsonContext : JsonSerializerContext;
