using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Http;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// V1 chat (<c>/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{endpoint}</c>): one-shot replies and streamed replies.
/// Get it from <see cref="QianfanClient.Chat"/>. Methods are virtual so tests can substitute the client.
/// </summary>
public class ChatClient
{
    private const string ChatPath = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/";

    private readonly QianfanTransport? _transport;
    private readonly string _chatBase = "";
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);
    private readonly ILogger _logger = NullLogger.Instance;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected ChatClient()
    {
    }

    internal ChatClient(QianfanTransport transport, Uri baseUrl, ILogger logger)
    {
        _transport = transport;
        _chatBase = baseUrl.AbsoluteUri.TrimEnd('/') + ChatPath;
        _logger = logger;
    }

    /// <summary>Sends the conversation and returns the whole reply.</summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the service's rules; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error (see <see cref="QianfanException.ErrorCode"/>).</exception>
    public virtual Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var model = ChatRequestValidator.Validate(request, stream: false);
        var body = Serialize(request, stream: false);
        return CompleteCoreAsync(request, model, body, cancellationToken);
    }

    /// <summary>
    /// Sends the conversation with <c>stream: true</c> and yields each piece of the reply as it arrives. The request
    /// is validated at once and sent on first iteration. A stream that ends before its last piece throws
    /// <see cref="QianfanStreamEndedException"/> after the pieces already received.
    /// </summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the service's rules; nothing was sent.</exception>
    public virtual IAsyncEnumerable<ChatChunk> StreamAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var model = ChatRequestValidator.Validate(request, stream: true);
        var body = Serialize(request, stream: true);
        return StreamCoreAsync(request, model, body, cancellationToken);
    }

    private QianfanTransport Transport => _transport ?? throw new InvalidOperationException("This ChatClient was made for mocking and cannot send.");

    private async Task<ChatResponse> CompleteCoreAsync(ChatRequest request, ModelSpec model, byte[] body, CancellationToken cancellationToken)
    {
        var scope = StartScope(request, model, stream: false);
        try
        {
            var transport = Transport;
            var reply = await transport.SendAsync(Url(model), model.Operation, body, stream: false, ReadResponseAsync, cancellationToken).ConfigureAwait(false);
            transport.RecordUsage(reply.Usage?.TotalTokens ?? 0);
            scope?.Succeeded(reply.Id, reply.Usage);
            return reply;
        }
        catch (Exception ex)
        {
            scope?.Failed(ex);
            throw;
        }
    }

    private async IAsyncEnumerable<ChatChunk> StreamCoreAsync(ChatRequest request, ModelSpec model, byte[] body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var transport = Transport;
        var scope = StartScope(request, model, stream: true);
        EventStream<ChatChunk> stream;
        try
        {
            stream = await transport.SendAsync(Url(model), model.Operation, body, stream: true, ChatEvents.OpenAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            scope?.Failed(ex);
            throw;
        }

        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var chunk = stream.First!;
                while (!chunk.IsEnd)
                {
                    yield return chunk;
                    try
                    {
                        chunk = await stream.ReadNextAsync(cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("V1 streams have no end marker.");
                    }
                    catch (Exception ex)
                    {
                        scope?.Failed(ex);
                        throw;
                    }
                }

                transport.RecordUsage(chunk.Usage?.TotalTokens ?? 0);
                scope?.Succeeded(chunk.Id, chunk.Usage);
                yield return chunk;
            }
            finally
            {
                if (scope is { IsClosed: false })
                {
                    scope.Abandoned();
                }
            }
        }
    }

    private ChatCallScope? StartScope(ChatRequest request, ModelSpec model, bool stream) => ChatCallScope.Start(
        _logger,
        model.Operation,
        model.Name,
        stream,
        new SamplingTags(request.Temperature, request.TopP, request.TopK, request.MaxOutputTokens, request.FrequencyPenalty, request.PresencePenalty));

    private string Url(ModelSpec model) => _urls.GetOrAdd(model.Endpoint, static (endpoint, chatBase) => chatBase + endpoint, _chatBase);

    private static byte[] Serialize(ChatRequest request, bool stream) =>
        JsonSerializer.SerializeToUtf8Bytes(ChatRequestBody.From(request, stream), QianfanJsonContext.Default.ChatRequestBody);

    private static async ValueTask<ChatResponse> ReadResponseAsync(HttpResponseMessage response, CancellationToken attemptToken, CancellationToken callerToken)
    {
        using (response)
        {
            var reply = await ResponseReader.ReadJsonAsync(response, QianfanJsonContext.Default.ChatResponse, ResponseReader.ThrowIfError, attemptToken).ConfigureAwait(false);
            reply.RateLimit = RateLimitInfo.FromHeaders(response.Headers);
            reply.RequestId = ResponseReader.GetRequestId(response);
            return reply;
        }
    }
}
