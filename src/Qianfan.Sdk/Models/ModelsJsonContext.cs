using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Models;

/// <summary>The models area's wire types, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSerializable(typeof(ModelList))]
internal sealed partial class ModelsJsonContext : JsonSerializerContext;
