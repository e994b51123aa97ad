using Microsoft.AspNetCore.Http;

namespace Qianfan.Sdk.Emulator.Images;

/// <summary>
/// <c>GET /v2/images/files/{name}</c>: the PNG a V2 image URL points at, drawn again from its name. Like the object
/// store real URLs point at, it needs no credential and meets no scenario; an unknown name is a 404.
/// </summary>
internal static class ImageFileEndpoint
{
    public static Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        if (context.Request.RouteValues["name"] is not string name || ImageFile.Parse(name) is not { } file)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var png = ImageRenderer.Render(file.Width, file.Height, file.Seed);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "image/png";
        response.ContentLength = png.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(png, context.RequestAborted).AsTask();
    }
}
