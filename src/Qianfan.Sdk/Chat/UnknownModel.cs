using System.Runtime.CompilerServices;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// Turns the service's terse answer to a model it does not serve (V1 error 3 "Unsupported openapi method", V2
/// <c>invalid_model</c>) into one that says the name is not in the catalog and suggests the closest known names.
/// </summary>
internal static class UnknownModel
{
    public static Exception Explain(Exception error, string model, Func<string, IReadOnlyList<string>> suggest)
    {
        if (error is not QianfanException q || q is QianfanAuthenticationException || !IsUnknownModel(q))
        {
            return error;
        }

        var suggestions = suggest(model);
        var hint = suggestions.Count > 0 ? $"; known names close to it: {string.Join(", ", suggestions)}" : "";
        return new QianfanException(q.ErrorCode, $"{q.ErrorMessage} (model '{model}' is not in the SDK's catalog{hint})", q.RequestId, q.StatusCode, q)
        {
            ErrorName = q.ErrorName,
            RetryAfter = q.RetryAfter,
        };
    }

    /// <summary>A stream whose opening error, if it is about the model, is explained.</summary>
    public static async IAsyncEnumerable<T> Explain<T>(IAsyncEnumerable<T> stream, string model, Func<string, IReadOnlyList<string>> suggest, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerator = stream.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (QianfanException ex) when (Explain(ex, model, suggest) is var explained && explained != ex)
                {
                    throw explained;
                }

                if (!more)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
    }

    /// <summary>A sync call whose error, if it is about the model, is explained.</summary>
    public static async Task<T> Explain<T>(Task<T> call, string model, Func<string, IReadOnlyList<string>> suggest)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (QianfanException ex) when (Explain(ex, model, suggest) is var explained && explained != ex)
        {
            throw explained;
        }
    }

    private static bool IsUnknownModel(QianfanException error) =>
        error.ErrorCode == QianfanErrorCodes.UnsupportedMethod || error.ErrorName is "invalid_model" or "model_not_found";
}
