using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Authentication;

/// <summary>
/// What a rejected token leads to: a token the SDK obtained itself is dropped and renewed; a fixed token given in the
/// settings cannot be, so the call fails at once, saying which setting holds the token the service refused.
/// </summary>
internal static class TokenRejection
{
    public static Exception? Reject(IAccessTokenProvider tokens, string token, Exception error)
    {
        if (tokens is StaticAccessTokenProvider fixedToken)
        {
            var reason = error is QianfanException q ? q.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? q.ErrorName ?? "401" : "401";
            return new QianfanAuthenticationException(
                "token_rejected",
                $"the service rejected the token given in {fixedToken.Source} (error {reason}); a fixed token cannot be renewed: set a valid one, or set {fixedToken.RenewWith} so the SDK obtains its own",
                (error as QianfanException)?.StatusCode,
                error);
        }

        tokens.Invalidate(token);
        return null;
    }
}
