using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Core;

/// <summary>
/// What every result of the SDK has besides its own fields: the HTTP answer it came in (status, headers, request id)
/// and the fields the service sent that this version does not model, so nothing the service says is lost.
/// </summary>
public abstract class ServiceResult
{
    /// <summary>Only the SDK's own result types derive from this.</summary>
    private protected ServiceResult()
    {
    }

    /// <summary>The HTTP answer: status, headers and request id. Null for a result built by hand (e.g. in a test).</summary>
    [JsonIgnore]
    public ServiceResponse? Response { get; internal set; }

    /// <summary>The service's request id (its request-id header, else the body's <c>id</c>), for support tickets.</summary>
    [JsonIgnore]
    public string? RequestId => Response?.RequestId;

    /// <summary>Fields of the answer this version of the SDK does not model, as the service sent them.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The body's own id, the request id when the service sent no request-id header.</summary>
    internal abstract string? BodyId { get; }

    /// <summary>The tokens the answer reports, for the tokens-per-minute limit and telemetry; null when it reports none.</summary>
    internal abstract UsageCounts? ReportedUsage { get; }
}
