using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Images;

/// <summary>The image area's wire types, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageSynthesisRequestBody))]
internal sealed partial class ImagesJsonContext : JsonSerializerContext;
