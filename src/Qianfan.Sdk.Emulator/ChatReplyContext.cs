using System.Text.Json;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator;

/// <summary>
/// A valid chat request handed to <see cref="QianfanEmulatorOptions.ReplyFactory"/>, so a test can make the reply
/// depend on what was asked.
/// </summary>
public sealed class ChatReplyContext
{
    internal ChatReplyContext(
        ModelSpec model,
        IReadOnlyList<ChatReplyMessage> messages,
        string? system,
        bool isStream,
        IReadOnlyDictionary<string, JsonElement> parameters)
    {
        Model = model;
        Messages = messages;
        System = system;
        IsStream = isStream;
        Parameters = parameters;
    }

    /// <summary>The endpoint suffix the request was posted to, e.g. <c>ernie-lite-8k</c>.</summary>
    public string Endpoint => Model.Endpoint;

    /// <summary>The model served at <see cref="Endpoint"/>, with its limits.</summary>
    public ModelSpec Model { get; }

    /// <summary>The conversation, oldest first; the last one is the current user question.</summary>
    public IReadOnlyList<ChatReplyMessage> Messages { get; }

    /// <summary>The current user question (the last message).</summary>
    public string LastUserMessage => Messages[^1].Content;

    /// <summary>The <c>system</c> persona, when the request set one.</summary>
    public string? System { get; }

    /// <summary>Whether the answer will be streamed (<c>stream: true</c>).</summary>
    public bool IsStream { get; }

    /// <summary>Every body key except <c>messages</c> (e.g. <c>temperature</c>, <c>user_id</c>), as sent.</summary>
    public IReadOnlyDictionary<string, JsonElement> Parameters { get; }
}
