using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Http;
using Qianfan.Sdk.Serialization;

namespace Qianfan.Sdk.V2;

/// <summary>
/// V2 chat (<c>/v2/chat/completions</c>), Qianfan's OpenAI-compatible API: one-shot and streamed replies, tool calls.
/// Authenticates with a V2 API key or with a bearer token obtained with IAM keys. Get it from
/// <see cref="QianfanClient.ChatCompletions"/>. Methods are virtual so tests can substitute the client.
/// </summary>
public class ChatCompletionsClient
{
    private const string Path = "/v2/chat/completions";
    private const string Operation = "v2/chat/completions";

    private readonly QianfanTransport? _transport;
    private readonly string _url = "";
    private readonly ILogger _logger = NullLogger.Instance;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected ChatCompletionsClient()
    {
    }

    internal ChatCompletionsClient(QianfanTransport transport, Uri baseUrl, ILogger logger)
    {
        _transport = transport;
        _url = baseUrl.AbsoluteUri.TrimEnd('/') + Path;
        _logger = logger;
    }

    /// <summary>Sends the conversation and returns the whole reply.</summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error (see <see cref="QianfanException.ErrorName"/>).</exception>
    public virtual Task<ChatCompletion> CompleteAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ChatCompletionRequestValidator.Validate(request);
        return CompleteCoreAsync(request, Serialize(request, stream: false), cancellationToken);
    }

    /// <summary>
    /// Sends the conversation with <c>stream: true</c> and yields each piece as it arrives, ending at <c>[DONE]</c>;
    /// a stream cut before it throws <see cref="QianfanStreamEndedException"/> after the pieces received.
    /// </summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    public virtual IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ChatCompletionRequestValidator.Validate(request);
        return StreamCoreAsync(request, Serialize(request, stream: true), cancellationToken);
    }

    private QianfanTransport Transport => _transport ?? throw new InvalidOperationException("This ChatCompletionsClient was made for mocking and cannot send.");

    private async Task<ChatCompletion> CompleteCoreAsync(ChatCompletionRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var scope = StartScope(request, stream: false);
        try
        {
            var reply = await Transport.SendAsync(_url, Operation, body, stream: false, V2Responses.ReadCompletionAsync, cancellationToken).ConfigureAwait(false);
            Transport.RecordUsage(reply.Usage?.TotalTokens ?? 0);
            scope?.Succeeded(reply.Id, reply.Usage);
            return reply;
        }
        catch (Exception ex)
        {
            scope?.Failed(ex);
            throw;
        }
    }

    private async IAsyncEnumerable<ChatCompletionChunk> StreamCoreAsync(ChatCompletionRequest request, byte[] body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var transport = Transport;
        var scope = StartScope(request, stream: true);
        EventStream<ChatCompletionChunk> stream;
        try
        {
            stream = await transport.SendAsync(_url, Operation, body, stream: true, V2Responses.OpenStreamAsync, cancellationToken).ConfigureAwait(false);
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
                string? id = null;
                ChatUsage? usage = null;
                for (var chunk = stream.First; chunk is not null;)
                {
                    id ??= chunk.Id;
                    usage = chunk.Usage ?? usage;
                    yield return chunk;
                    try
                    {
                        chunk = await stream.ReadNextAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        scope?.Failed(ex);
                        throw;
                    }
                }

                transport.RecordUsage(usage?.TotalTokens ?? 0);
                scope?.Succeeded(id, usage);
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

    private ChatCallScope? StartScope(ChatCompletionRequest request, bool stream) => ChatCallScope.Start(
        _logger,
        Operation,
        request.Model,
        stream,
        new SamplingTags(request.Temperature, request.TopP, MaxTokens: request.MaxCompletionTokens));

    private static byte[] Serialize(ChatCompletionRequest request, bool stream) =>
        JsonSerializer.SerializeToUtf8Bytes(ChatCompletionRequestBody.From(request, stream), QianfanJsonContext.Default.ChatCompletionRequestBody);
}
