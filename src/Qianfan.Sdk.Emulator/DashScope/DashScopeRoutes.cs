using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Images;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// The DashScope routes: text generation, image synthesis and its tasks under <c>/api/v1</c>, and the result images
/// (drawn as the V2 images are: <see cref="ImageFileEndpoint"/>).
/// </summary>
internal static class DashScopeRoutes
{
    public static void Map(IEndpointRouteBuilder app, QianfanEmulatorOptions options, EmulatorState state)
    {
        var dashScope = new DashScopeState(options.DashScopeApiKey);
        var tasks = new TaskEndpoint(state, dashScope);
        app.Map(DashScopePaths.Generation, new GenerationEndpoint(state, dashScope).HandleAsync);
        app.Map(DashScopePaths.ImageSynthesis, new ImageSynthesisEndpoint(state, dashScope).HandleAsync);
        app.Map(DashScopePaths.TaskCancel, tasks.HandleCancelAsync);
        app.Map(DashScopePaths.Task, tasks.HandleGetAsync);
        app.Map(DashScopePaths.ResultFile, ImageFileEndpoint.HandleAsync);
    }
}
