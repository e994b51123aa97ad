using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Errors;

namespace Qianfan.Sdk.Emulator.Areas;

/// <summary>An answer decided up front: the completion tokens the quota settles, and how its body is written (after the headers).</summary>
internal sealed record AreaAnswer(int CompletionTokens, Func<HttpContext, CancellationToken, Task> WriteAsync)
{
    /// <summary>A JSON answer with HTTP 200, as every V1 and V2 success is.</summary>
    public static AreaAnswer Json<T>(T body, JsonTypeInfo<T> typeInfo, int completionTokens = 0) =>
        new(completionTokens, (context, cancellationToken) =>
            context.Response.WriteAsJsonAsync(body, typeInfo, ServiceResponses.JsonContentType, cancellationToken));
}
