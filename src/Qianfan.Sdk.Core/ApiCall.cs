using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core.Telemetry;

namespace Qianfan.Sdk.Core;

/// <summary>
/// One call as an area client hands it to the pipeline: where it goes, what it sends, and how logs and telemetry name
/// it. The URL carries no credentials; the authorizer adds them per attempt. A struct: a call allocates nothing for it.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The absolute URL, without credentials.</param>
/// <param name="Body">The JSON body, or null for none.</param>
/// <param name="Operation">The GenAI operation name (<c>chat</c>, <c>embeddings</c>, <c>text_completion</c> …).</param>
/// <param name="Target">How logs name the call, e.g. <c>chat/ernie_speed</c>; never carries a secret.</param>
/// <param name="Model">The model, for telemetry; null when the call names none.</param>
/// <param name="Stream">Whether the answer is an event stream.</param>
/// <param name="Logger">The area's logger.</param>
/// <param name="Sampling">The sampling parameters the span reports.</param>
/// <param name="Headers">Extra request headers the API needs for this call (none by default).</param>
internal readonly record struct ApiCall(
    HttpMethod Method,
    string Url,
    byte[]? Body,
    string Operation,
    string Target,
    string? Model,
    bool Stream,
    ILogger Logger,
    SamplingTags Sampling = default,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    /// <summary>Replaces the default, record-generated text, which would print every member.</summary>
    public override string ToString() => $"{Method} {Target}";
}
