using System.Globalization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Protocol;

/// <summary>
/// How Qianfan answers, V1 and V2 alike: the <c>X-Baidu-Request-Id</c> header, error envelopes in any body (V1
/// reports most errors with HTTP 200, so the body decides, not the status), and <see cref="QianfanException"/>s.
/// </summary>
internal sealed class QianfanProfile : ApiProfile
{
    public const string RequestIdHeaderName = "X-Baidu-Request-Id";

    public static QianfanProfile Instance { get; } = new();

    public override string ProviderName => "qianfan";

    public override string RequestIdHeader => RequestIdHeaderName;

    public override Exception? DecodeError(ReadOnlySpan<byte> body, ServiceResponse response) =>
        ErrorEnvelope.TryRead(body) is { } error
            ? new QianfanException(error.Code, error.Message, response.RequestId ?? error.Id, response.StatusCode) { ErrorName = error.Name, RetryAfter = RetryAfter(response) }
            : null;

    public override Exception Malformed(ServiceResponse response, string message, Exception? innerException = null) =>
        new QianfanException(null, message, response.RequestId, response.StatusCode, innerException) { RetryAfter = RetryAfter(response) };

    public override Exception StreamEnded(int chunksReceived, ServiceResponse response, Exception? innerException = null) =>
        new QianfanStreamEndedException(chunksReceived, response.RequestId, innerException);

    public override bool IsRetryable(Exception exception) => exception is QianfanException { IsRetryable: true };

    public override TimeSpan? RetryAfter(Exception exception) => (exception as QianfanException)?.RetryAfter;

    public override string? ErrorCode(Exception exception) => exception switch
    {
        QianfanAuthenticationException auth => auth.Error,
        QianfanException { ErrorCode: { } code } => code.ToString(CultureInfo.InvariantCulture),
        QianfanException { ErrorName: { } name } => name,
        QianfanException { StatusCode: { } status } => ((int)status).ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public override string? ErrorMessage(Exception exception) => (exception as QianfanException)?.ErrorMessage;

    /// <summary>The wait a <c>Retry-After</c> header asks for, where the answer has one.</summary>
    private static TimeSpan? RetryAfter(ServiceResponse response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
