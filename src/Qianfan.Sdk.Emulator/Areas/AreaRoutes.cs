using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Qianfan.Sdk.Emulator.Completions;
using Qianfan.Sdk.Emulator.Embeddings;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Images;
using Qianfan.Sdk.Emulator.Rerank;
using Qianfan.Sdk.Emulator.Tokenizer;
using Qianfan.Sdk.Emulator.V2;

namespace Qianfan.Sdk.Emulator.Areas;

/// <summary>
/// The routes of the APIs beside chat: V1 <c>completions/</c>, <c>embeddings/</c>, <c>reranker/</c>,
/// <c>text2image/</c> and <c>tokenizer/</c>; V2 <c>/v2/embeddings</c>, <c>/v2/rerankers</c> and
/// <c>/v2/images/generations</c>; and <c>GET /v2/images/files/{name}</c>, where the V2 image URLs point.
/// </summary>
internal static class AreaRoutes
{
    public static void Map(IEndpointRouteBuilder app, QianfanEmulatorOptions options, EmulatorState state, V2State v2)
    {
        var embeddings = new EmbeddingsArea(state);
        var rerank = new RerankArea(state);
        IV1Area[] v1 =
        [
            new CompletionsArea(state, options.CustomEndpoints),
            embeddings,
            rerank,
            new Text2ImageArea(state, options.CustomEndpoints),
            new TokenizerArea(state),
        ];
        foreach (var area in v1)
        {
            var endpoint = new V1AreaEndpoint(state, area);
            app.Map(endpoint.Route, endpoint.HandleAsync);
        }

        IV2Area[] v2Areas = [embeddings, rerank, new ImageGenerationsArea(state)];
        foreach (var area in v2Areas)
        {
            var endpoint = new V2AreaEndpoint(state, v2, area);
            app.Map(endpoint.Route, endpoint.HandleAsync);
        }

        app.Map(AreaPaths.ImageFileRoute, ImageFileEndpoint.HandleAsync);
    }
}
