using Qianfan.Samples.Console.Cli;
using Qianfan.Samples.Console.Commands.DashScope;
using Qianfan.Samples.Console.Commands.Zhipu;
using Qianfan.Sdk;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Models;

namespace Qianfan.Samples.Console.Commands.Chat;

/// <summary>
/// <c>chat</c>: one-shot with a message, otherwise a conversation read line by line from stdin. stdout carries only
/// reply text; prompts, notices, warnings and errors go to stderr. In a conversation a failed turn is reported and the
/// next line is read; the exit code is the first failure's.
/// </summary>
internal sealed class ChatCommand : ICliCommand
{
    public string Name => "chat";

    public string Summary => "chat with a model, one-shot or as a conversation (V1 or V2)";

    public IReadOnlyCollection<string> Flags => [.. ChatOptions.Flags, .. DashScopeChat.Flags, .. ZhipuChat.Flags];

    public IReadOnlyCollection<string> Options => [.. ChatOptions.Valued, PlatformOption.Name, .. DashScopeChat.Options, .. ZhipuChat.Options];

    public string Usage => $"""
        usage: {CommandName.Tool} chat [options] [MESSAGE]
           or, from a clone of the repository: {CommandName.FromSource} chat [options] [MESSAGE]

        With MESSAGE, sends it once and prints the reply. Without, reads one message per line from stdin
        (until EOF or 'exit') and keeps the conversation's history. stdout carries only the reply; a
        thinking model's reasoning goes to stderr as 'thinking: ...'.

        options:
          --platform qianfan|zhipu|dashscope
                                  Baidu Qianfan (default), Zhipu AI (GLM) or Alibaba DashScope (Qwen; see below)
          --api v1|v2             the V1 chat API (default) or the V2 OpenAI-compatible one
          --model NAME            model name (default ERNIE-Lite-8K; on v2 ernie-lite-8k)
          --endpoint SUFFIX       a custom service's API path (v1; overrides --model)
          --stream                print the reply as it arrives
          --system TEXT           the persona
          --temperature X         (0, 1]
          --top-p X               [0, 1]
          --penalty-score X       [1, 2]
          --max-output-tokens N   [2, 2048]
          --stop S                a stop sequence (repeatable, at most 4)
          --user-id ID            the end user's id
          --web-search            let the model search the web (v2; implies --api v2); the cited
                                  pages are listed on stderr as [n] title url
          --image PATH_OR_URL     an image for the first message (repeatable; implies --api v2 and,
                                  unless --model says otherwise, ernie-4.5-turbo-vl): a local file
                                  is sent inline, an http(s) URL for the service to fetch
          --json                  ask for the reply as a JSON object (response_format json_object;
                                  on v1 only models that take it, such as ERNIE-3.5-8K)
          --verbose               log HTTP activity to stderr (secrets redacted)
          -h, --help              this text

        {ZhipuChat.Usage}

        {DashScopeChat.Usage}

        {CliHelp.Environment}

        {ZhipuSession.Environment}

        {DashScopeSession.Environment}
        """;

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        switch (PlatformOption.From(arguments))
        {
            case PlatformOption.DashScope:
                return await DashScopeChat.RunAsync(arguments, console, cancellationToken).ConfigureAwait(false);
            case PlatformOption.Zhipu:
                return await ZhipuChat.RunAsync(arguments, console, cancellationToken).ConfigureAwait(false);
            default:
                PlatformOption.Reject(arguments, PlatformOption.Qianfan, [.. DashScopeChat.Options, .. DashScopeChat.Flags, .. ZhipuChat.Options, .. ZhipuChat.Flags]);
                break;
        }

        var options = ChatOptions.From(arguments);
        var images = ImageParts.From(options.Images); // a missing file is a usage error before anything starts
        await using var session = await QianfanSession.OpenAsync(options.Api, options.Verbose, options.Endpoint, console, cancellationToken).ConfigureAwait(false);
        IChatSession chat = options.Api == "v2"
            ? new V2ChatSession(new ChatCompletionConversation(session.Client.ChatCompletions, CreateV2Template(options)), images)
            : new V1ChatSession(new ChatConversation(session.Client.Chat, CreateTemplate(options)));
        var turns = new ChatTurns(chat, options.Stream, console);
        return options.Message is { } message
            ? await turns.TakeAsync(message, cancellationToken).ConfigureAwait(false)
            : await turns.ConverseAsync(cancellationToken).ConfigureAwait(false);
    }

    private static ChatRequest CreateTemplate(ChatOptions options)
    {
        var request = options.Endpoint is { } endpoint
            ? new ChatRequest(ModelSpec.ForCustomEndpoint(endpoint))
            : new ChatRequest(options.Model ?? ModelCatalog.DefaultModel);
        request.System = options.System;
        request.Temperature = options.Temperature;
        request.TopP = options.TopP;
        request.PenaltyScore = options.PenaltyScore;
        request.MaxOutputTokens = options.MaxOutputTokens;
        request.UserId = options.UserId;
        request.ResponseFormat = options.Json ? "json_object" : null;
        foreach (var stop in options.Stop)
        {
            request.Stop.Add(stop);
        }

        return request;
    }

    private static ChatCompletionRequest CreateV2Template(ChatOptions options)
    {
        var request = new ChatCompletionRequest(options.Model ?? (options.Images.Count > 0 ? ChatOptions.VisionModel : "ernie-lite-8k"))
        {
            Temperature = options.Temperature,
            TopP = options.TopP,
            PenaltyScore = options.PenaltyScore,
            MaxCompletionTokens = options.MaxOutputTokens,
            User = options.UserId,
            ResponseFormat = options.Json ? ChatResponseFormat.JsonObject : null,
            WebSearch = options.WebSearch ? new ChatWebSearchOptions { EnableCitation = true } : null,
        };
        if (options.System is { } system)
        {
            request.Messages.Add(ChatMessage.System(system));
        }

        foreach (var stop in options.Stop)
        {
            request.Stop.Add(stop);
        }

        return request;
    }
}
