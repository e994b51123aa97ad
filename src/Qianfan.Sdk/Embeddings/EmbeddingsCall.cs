using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Protocol;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.Embeddings;

/// <summary>One embeddings request on either API: V1 names the model in its path, V2 in its body.</summary>
internal static class EmbeddingsCall
{
    public static Task<EmbeddingResponse> SendAsync(QianfanApi api, ILogger logger, bool v2, EmbeddingRequest request, CancellationToken cancellationToken)
    {
        var spec = EmbeddingRequestValidator.Validate(request);
        if (spec is not null && logger.IsEnabled(LogLevel.Warning))
        {
            for (var i = 0; i < request.Input.Count; i++)
            {
                if (TokenLimitWarning.CanExceed(spec.MaxTokens, request.Input[i]?.Length ?? 0))
                {
                    TokenLimitWarning.Check(logger, spec.Name, $"input[{i}]", spec.MaxTokens, request.Input[i], TokenEstimator.Estimate);
                }
            }
        }

        string url, target;
        if (v2)
        {
            url = api.V2Url("/v2/embeddings");
            target = "v2/embeddings";
        }
        else
        {
            var endpoint = EmbeddingRequestValidator.V1Endpoint(request, spec);
            url = api.V1Url("embeddings", endpoint);
            target = "embeddings/" + endpoint;
        }

        var body = JsonBody.Serialize(EmbeddingRequestBody.From(request, v2), EmbeddingsJsonContext.Default.EmbeddingRequestBody, request.ExtraFields);
        return api.Pipeline.SendAsync(new ApiCall(HttpMethod.Post, url, body, "embeddings", target, request.Model, false, logger), EmbeddingsJsonContext.Default.EmbeddingResponse, cancellationToken);
    }
}
