using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Protocol;
using static Qianfan.Sdk.Protocol.ParameterRules;

namespace Qianfan.Sdk.Rerank;

/// <summary>One rerank request on either API, checked before sending: a query, at least one document, none empty, and top_n in range.</summary>
internal static class RerankCall
{
    public static Task<RerankResponse> SendAsync(QianfanApi api, ILogger logger, bool v2, RerankRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        string url, target;
        if (v2)
        {
            url = api.V2Url("/v2/rerankers");
            target = "v2/rerankers";
        }
        else
        {
            var endpoint = Endpoint(request.Model);
            url = api.V1Url("reranker", endpoint);
            target = "reranker/" + endpoint;
        }

        var body = JsonBody.Serialize(RerankRequestBody.From(request, v2), RerankJsonContext.Default.RerankRequestBody, request.ExtraFields);
        return api.Pipeline.SendAsync(new ApiCall(HttpMethod.Post, url, body, "rerank", target, request.Model, false, logger), RerankJsonContext.Default.RerankResponse, cancellationToken);
    }

    private static void Validate(RerankRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw Fail("query", "query must not be empty");
        }

        if (request.Documents.Count == 0)
        {
            throw Fail("documents", "documents must hold at least one document");
        }

        for (var i = 0; i < request.Documents.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(request.Documents[i]))
            {
                throw Fail($"documents[{i}]", $"documents[{i}] must not be empty");
            }
        }

        if (request.TopN is { } topN && (topN < 1 || topN > request.Documents.Count))
        {
            throw Fail("top_n", $"top_n must be in [1, {request.Documents.Count}] (the number of documents), was {topN}");
        }

        AdditionalFields.Validate(request.ExtraFields, RerankJsonContext.Default.RerankRequestBody);
    }

    /// <summary>V1 serves <c>bce-reranker-base</c> at <c>bce_reranker_base</c>; other names are taken as endpoints.</summary>
    private static string Endpoint(string model)
    {
        var endpoint = model.Trim().ToLowerInvariant().Replace('-', '_');
        try
        {
            ModelSpec.ValidateEndpoint(endpoint);
        }
        catch (ArgumentException ex)
        {
            throw new Errors.QianfanValidationException($"model '{model}' is not a valid reranker endpoint: {ex.Message}", "model");
        }

        return endpoint;
    }
}
