using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.OAuth;

/// <summary>
/// <c>/oauth/2.0/token</c>: exchanges the API Key and Secret Key (query or form parameters, GET or POST as the
/// seed's curl sample does) for an access token. Failures use OAuth's shape and HTTP status, not the V1 error body.
/// </summary>
internal sealed class TokenEndpoint(EmulatorState state)
{
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

            var parameters = ReadParameters(context.Request);
            var failure = Authenticate(parameters);
            if (failure is not null)
            {
                context.Response.StatusCode = failure.Error == "invalid_client" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(failure, EmulatorJsonContext.Wire.OAuthErrorBody, "application/json", cancellationToken)
                    .ConfigureAwait(false);
                return;
            }

            var token = state.Tokens.Issue();
            var body = new TokenBody(
                TokenFormat.RefreshToken(state.TimeProvider.GetUtcNow(), state.Tokens.AppSuffix),
                state.Tokens.ExpiresInSeconds,
                TokenFormat.SessionKey(),
                token.Value,
                TokenFormat.Scope,
                TokenFormat.SessionSecret());
            await context.Response.WriteAsJsonAsync(body, EmulatorJsonContext.Wire.TokenBody, "application/json", cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private OAuthErrorBody? Authenticate(Func<string, string?> parameters)
    {
        var grantType = parameters("grant_type");
        if (grantType != "client_credentials")
        {
            return new OAuthErrorBody("unsupported_grant_type", "The authorization grant type is not supported");
        }

        var clientId = parameters("client_id");
        if (string.IsNullOrEmpty(clientId))
        {
            return new OAuthErrorBody("invalid_request", "Missing required parameter: client_id");
        }

        var clientSecret = parameters("client_secret");
        if (string.IsNullOrEmpty(clientSecret))
        {
            return new OAuthErrorBody("invalid_request", "Missing required parameter: client_secret");
        }

        if (clientId != state.ApiKey)
        {
            return new OAuthErrorBody("invalid_client", "unknown client id");
        }

        return clientSecret != state.SecretKey ? new OAuthErrorBody("invalid_client", "Client authentication failed") : null;
    }

    /// <summary>Query parameters first, then a form body's, as the service reads them.</summary>
    private static Func<string, string?> ReadParameters(HttpRequest request)
    {
        var query = request.Query;
        var form = request.HasFormContentType && request.HttpContext.Features.Get<ReceivedBody>() is { } body
            ? QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body.Bytes.Span))
            : null;

        return name =>
        {
            var value = query[name];
            if (StringValues.IsNullOrEmpty(value) && form is not null && form.TryGetValue(name, out var fromForm))
            {
                value = fromForm;
            }

            return StringValues.IsNullOrEmpty(value) ? null : value.ToString();
        };
    }
}
