using System.Globalization;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Iam;
using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// <c>/v1/BCE-BEARER/token?expireInSeconds=N</c>: IAM's bearer-token endpoint, which turns an IAM AK/SK into a token
/// for the V2 API. The call must be signed with <c>bce-auth-v1</c> with the emulator's IAM keys; GET as the official
/// SDK sends it, POST also accepted. Failures use Baidu Cloud's common error body and statuses.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>No <c>bce-auth-v1</c> authorization: 403 <c>AccessDenied</c>. An AK other than the configured one: 403
/// <c>InvalidAccessKeyId</c>. A signature that does not match the request, or has expired: 403 <c>AccessDenied</c>.</item>
/// <item><c>expireInSeconds</c> missing: 86,400 (one day). Not an integer, or below 1: 400 <c>InvalidParameterValue</c>.
/// Above 2,592,000 (30 days): capped at 30 days, as the documentation says ("如果设置超过该值,有效期最大值仍为30天").</item>
/// <item>Any other method: 405 <c>MethodNotAllowed</c>.</item>
/// </list>
/// </remarks>
internal sealed class BearerTokenEndpoint(EmulatorState state, V2State v2)
{
    public const long DefaultLifetimeSeconds = 86_400;
    public const long MaxLifetimeSeconds = 2_592_000;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public async Task HandleAsync(HttpContext context)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, state.Stopping);
        var cancellationToken = cancellation.Token;
        try
        {
            if (state.Scenarios.TokenDelays.TryTake(out var delay))
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            var requestId = Guid.NewGuid().ToString();
            context.Response.Headers["x-bce-request-id"] = requestId;
            var failure = Check(context.Request, out var lifetimeSeconds);
            if (failure is not null)
            {
                context.Response.StatusCode = failure.Value.StatusCode;
                await context.Response.WriteAsJsonAsync(
                        new BceErrorBody(requestId, failure.Value.Code, failure.Value.Message),
                        EmulatorJsonContext.Wire.BceErrorBody,
                        ServiceResponses.JsonContentType,
                        cancellationToken)
                    .ConfigureAwait(false);
                return;
            }

            var token = v2.BearerTokens.Issue(lifetimeSeconds);
            var body = new BearerTokenBody(
                v2.UserId,
                token.Value,
                "enable",
                token.CreatedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
                token.ExpiresAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            await context.Response.WriteAsJsonAsync(body, EmulatorJsonContext.Wire.BearerTokenBody, ServiceResponses.JsonContentType, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private (int StatusCode, string Code, string Message)? Check(HttpRequest request, out long lifetimeSeconds)
    {
        lifetimeSeconds = DefaultLifetimeSeconds;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
        {
            return (StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }

        if (!BceSignatureVerifier.IsSigned(request))
        {
            return (StatusCodes.Status403Forbidden, "AccessDenied", "Access denied.");
        }

        // bce-auth-v1/{AK}/…: the AK is named in clear, so an unknown one gets its own error.
        var parts = request.Headers.Authorization.ToString().Split('/');
        if (parts.Length < 2 || parts[1] != state.IamAccessKey)
        {
            return (StatusCodes.Status403Forbidden, "InvalidAccessKeyId", "The Access Key ID you provided does not exist in our records.");
        }

        if (!BceSignatureVerifier.Verify(request, state.IamAccessKey, state.IamSecretKey, state.TimeProvider.GetUtcNow()))
        {
            return (StatusCodes.Status403Forbidden, "AccessDenied", "Access denied. The signature does not match the request or has expired.");
        }

        var text = request.Query["expireInSeconds"].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        var parsed = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var requested);
        if (!parsed && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
        {
            requested = long.MaxValue; // more digits than a long holds: capped like any other long lifetime
        }
        else if (!parsed || requested < 1)
        {
            return (StatusCodes.Status400BadRequest, "InvalidParameterValue", $"expireInSeconds must be a positive integer, was '{text}'.");
        }

        lifetimeSeconds = Math.Min(requested, MaxLifetimeSeconds);
        return null;
    }
}
