using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Http;

/// <summary>
/// Sends one V1 call: adds the access token, applies the timeout, and when the service rejects the token
/// (110/111) drops it, gets a new one and repeats the call exactly once.
/// </summary>
internal sealed partial class QianfanTransport
{
    private const string ChatPath = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/";

    private readonly HttpClient _http;
    private readonly IAccessTokenProvider _tokens;
    private readonly ILogger _logger;
    private readonly string _chatBase;
    private readonly TimeSpan _timeout;

    public QianfanTransport(HttpClient http, QianfanOptions options, IAccessTokenProvider tokens, ILogger logger)
    {
        _http = http;
        _tokens = tokens;
        _logger = logger;
        _timeout = options.Timeout;
        _chatBase = options.BaseUrl.AbsoluteUri.TrimEnd('/') + ChatPath;
    }

    /// <summary>
    /// Posts <paramref name="body"/> to the chat <paramref name="endpoint"/> and hands the answer to
    /// <paramref name="read"/>, which owns (and disposes) the response.
    /// </summary>
    public async Task<T> SendChatAsync<T>(
        string endpoint,
        byte[] body,
        bool stream,
        Func<HttpResponseMessage, CancellationToken, ValueTask<T>> read,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var token = await _tokens.GetAccessTokenAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    return await SendOnceAsync(endpoint, token, body, stream, read, timeout.Token).ConfigureAwait(false);
                }
                catch (QianfanException ex) when (attempt == 1 && QianfanErrorCodes.IsTokenRejected(ex.ErrorCode))
                {
                    LogTokenRejected(_logger, ex.ErrorCode!.Value, endpoint);
                    _tokens.Invalidate(token);
                }
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Qianfan did not answer within {_timeout.TotalSeconds:0.###} s.", ex);
        }
    }

    private async Task<T> SendOnceAsync<T>(
        string endpoint,
        string token,
        byte[] body,
        bool stream,
        Func<HttpResponseMessage, CancellationToken, ValueTask<T>> read,
        CancellationToken cancellationToken)
    {
        // The URL carries the token, so it is never logged; the endpoint is.
        using var request = new HttpRequestMessage(HttpMethod.Post, string.Concat(_chatBase, endpoint, "?access_token=", Uri.EscapeDataString(token)));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content = content;

        var started = Stopwatch.GetTimestamp();
        LogSending(_logger, endpoint, stream);
        var response = await _http.SendAsync(
            request,
            stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogAnswered(_logger, endpoint, (int)response.StatusCode, elapsedMs);
        }

        try
        {
            return await read(response, cancellationToken).ConfigureAwait(false);
        }
        catch (QianfanException ex)
        {
            LogFailed(_logger, endpoint, ex.ErrorCode, ex.ErrorMessage);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "POST chat/{Endpoint} (stream: {Stream})")]
    private static partial void LogSending(ILogger logger, string endpoint, bool stream);

    [LoggerMessage(Level = LogLevel.Debug, Message = "chat/{Endpoint} answered HTTP {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string endpoint, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "chat/{Endpoint} failed with error {ErrorCode}: {ErrorMessage}")]
    private static partial void LogFailed(ILogger logger, string endpoint, int? errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "The service rejected the access token (error {ErrorCode}) on chat/{Endpoint}; getting a new one and repeating once")]
    private static partial void LogTokenRejected(ILogger logger, int errorCode, string endpoint);
}
