using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Images;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// The Zhipu routes: chat, asynchronous chat and its results, CogView under <c>/api/paas/v4</c>, and the images its
/// URLs point at (drawn as the V2 images are: <see cref="ImageFileEndpoint"/>).
/// </summary>
internal static class ZhipuRoutes
{
    public static void Map(IEndpointRouteBuilder app, QianfanEmulatorOptions options, EmulatorState state)
    {
        var zhipu = new ZhipuState(options.ZhipuApiKey);
        var asyncChat = new AsyncChatEndpoint(state, zhipu);
        app.Map(ZhipuPaths.ChatCompletions, new ChatCompletionsEndpoint(state, zhipu).HandleAsync);
        app.Map(ZhipuPaths.AsyncChatCompletions, asyncChat.HandleSubmitAsync);
        app.Map(ZhipuPaths.AsyncResult, asyncChat.HandleResultAsync);
        app.Map(ZhipuPaths.ImageGenerations, new CogViewEndpoint(state, zhipu).HandleAsync);
        app.Map(ZhipuPaths.File, ImageFileEndpoint.HandleAsync);
    }
}
