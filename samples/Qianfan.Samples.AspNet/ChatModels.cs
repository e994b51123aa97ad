using Microsoft.Extensions.AI;
using Qianfan.Sdk;

namespace Qianfan.Samples.AspNet;

/// <summary>A model the page offers: its id, which API serves it, and whether it thinks aloud before answering.</summary>
internal sealed record ChatModel(string Id, string Label, string Api, bool Reasoning, bool Available);

/// <summary>
/// The models of the page's picker, V2 and V1, each registered as a keyed <see cref="IChatClient"/> over the one
/// <see cref="QianfanClient"/> that <c>AddQianfan</c> registers — the documented way
/// (<c>AddKeyedChatClient(id, sp => sp.GetRequiredService&lt;QianfanClient&gt;().AsIChatClient(id))</c>).
/// </summary>
internal static class ChatModels
{
    /// <summary>The model of a call that names none (V1's ERNIE-Lite-8K, as the SDK's own default).</summary>
    public const string Default = "ERNIE-Lite-8K";

    private static readonly (string Id, string Label, string Api, bool Reasoning)[] Offered =
    [
        ("ernie-4.5-turbo-128k", "ERNIE 4.5 Turbo 128K", "v2", false),
        ("ernie-x1.1", "ERNIE X1.1 (thinks first)", "v2", true),
        ("ERNIE-Speed-8K", "ERNIE Speed 8K", "v1", false),
        (Default, "ERNIE Lite 8K", "v1", false),
    ];

    /// <summary>Registers one keyed IChatClient per offered model; returns the picker's list, marking the models the credentials serve.</summary>
    public static IReadOnlyList<ChatModel> AddChatModels(this IServiceCollection services, QianfanCredentials credentials)
    {
        var v1 = !string.IsNullOrEmpty(credentials.AccessToken)
            || (!string.IsNullOrEmpty(credentials.ApiKey) && !string.IsNullOrEmpty(credentials.SecretKey))
            || (!string.IsNullOrEmpty(credentials.IamAccessKey) && !string.IsNullOrEmpty(credentials.IamSecretKey));
        var v2 = !string.IsNullOrEmpty(credentials.V2ApiKey)
            || (!string.IsNullOrEmpty(credentials.IamAccessKey) && !string.IsNullOrEmpty(credentials.IamSecretKey));
        var models = new List<ChatModel>();
        foreach (var (id, label, api, reasoning) in Offered)
        {
            services.AddKeyedChatClient(id, sp => api == "v2"
                ? sp.GetRequiredService<QianfanClient>().AsIChatClient(id)
                : sp.GetRequiredService<QianfanClient>().Chat.AsIChatClient(id));
            models.Add(new ChatModel(id, label, api, reasoning, api == "v2" ? v2 : v1));
        }

        return models;
    }
}
