using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Rerank;

/// <summary>
/// V2 rerank (<c>/v2/rerankers</c>): documents ordered by how well they answer a query, best first, with
/// the V2 credentials. Get it from <see cref="QianfanClient.RerankV2"/>; V1's is <see cref="RerankClient"/>. Methods are
/// virtual so tests can substitute the client.
/// </summary>
public class RerankV2Client
{
    private readonly QianfanApi? _api;
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected RerankV2Client()
    {
    }

    internal RerankV2Client(QianfanApi api)
    {
        _api = api;
        _logger = api.CreateLogger("Rerank");
    }

    /// <summary>Scores the documents against the query and returns them best first.</summary>
    /// <exception cref="QianfanValidationException">The request breaks a rule; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error.</exception>
    public virtual Task<RerankResponse> RerankAsync(RerankRequest request, CancellationToken cancellationToken = default) =>
        RerankCall.SendAsync(_api ?? throw new InvalidOperationException("This RerankV2Client was made for mocking and cannot send."), _logger!, v2: true, request, cancellationToken);
}
