using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Tasks;

/// <summary>The task area's wire types, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DashScopeTask))]
[JsonSerializable(typeof(DashScopeTaskCancellation))]
internal sealed partial class TasksJsonContext : JsonSerializerContext;
