using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.Models;

/// <summary>The models the account can call (<c>GET /v2/models</c>).</summary>
public sealed class ModelList : ServiceResult
{
    /// <summary><c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>The models; empty (never null) when the service listed none.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<ModelInfo> Data { get; set => field = value ?? []; } = [];

    internal override string? BodyId => null;

    internal override UsageCounts? ReportedUsage => null;
}
