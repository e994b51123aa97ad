using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator;

/// <summary>
/// How a <see cref="QianfanEmulator"/> listens, which credentials it accepts and which endpoints it serves.
/// Read once by <see cref="QianfanEmulator.StartAsync"/>; change behaviour at run time through
/// <see cref="QianfanEmulator.Scenarios"/> instead.
/// </summary>
public sealed class QianfanEmulatorOptions
{
    /// <summary>The API Key accepted when none is configured; fixed so samples and docs can name it.</summary>
    public const string DefaultApiKey = "emulator-api-key";

    /// <summary>The Secret Key accepted when none is configured; fixed so samples and docs can name it.</summary>
    public const string DefaultSecretKey = "emulator-secret-key";

    /// <summary>The IAM Access Key accepted when none is configured, for calls signed with <c>bce-auth-v1</c>.</summary>
    public const string DefaultIamAccessKey = "emulator-iam-access-key";

    /// <summary>The IAM Secret Key accepted when none is configured, for calls signed with <c>bce-auth-v1</c>.</summary>
    public const string DefaultIamSecretKey = "emulator-iam-secret-key";

    /// <summary>
    /// The V2 API Key accepted when none is configured, sent as <c>Authorization: Bearer …</c> to <c>/v2/chat/completions</c>;
    /// shaped like the console's keys (<c>bce-v3/ALTAK-…/…</c>).
    /// </summary>
    public const string DefaultV2ApiKey = "bce-v3/ALTAK-emulator/emulator-v2-secret";

    /// <summary>The DashScope API key accepted when none is configured, sent as <c>Authorization: Bearer …</c> to the <c>/api/v1</c> routes.</summary>
    public const string DefaultDashScopeApiKey = "sk-emulator-dashscope";

    /// <summary>
    /// The Zhipu API key accepted when none is configured, <c>{id}.{secret}</c> as the console's are: sent as
    /// <c>Authorization: Bearer …</c> to the <c>/api/paas/v4</c> routes, itself or as a JWT signed with its secret.
    /// </summary>
    public const string DefaultZhipuApiKey = "emulator-zhipu-id.emulator-zhipu-secret";

    /// <summary>The phrase that, in the last user message of a call with tools, makes the answer a call of the first tool (see <see cref="ToolCallTrigger"/>).</summary>
    public const string DefaultToolCallTrigger = "调用工具";

    /// <summary>The IP address to listen on (or <c>localhost</c>); loopback by default so nothing is exposed.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 (the default) lets the OS choose a free one, so parallel tests never collide.</summary>
    public int Port { get; set; }

    /// <summary>The application's API Key (OAuth <c>client_id</c>) the token endpoint accepts.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>The application's Secret Key (OAuth <c>client_secret</c>) the token endpoint accepts.</summary>
    public string SecretKey { get; set; } = DefaultSecretKey;

    /// <summary>
    /// The IAM Access Key (AK) a <c>bce-auth-v1</c> signed call must name: a V1 or V2 chat call made without an access
    /// token or API Key, and every call to the bearer-token endpoint <c>/v1/BCE-BEARER/token</c>.
    /// </summary>
    public string IamAccessKey { get; set; } = DefaultIamAccessKey;

    /// <summary>The IAM Secret Key (SK) a <c>bce-auth-v1</c> signature is checked with.</summary>
    public string IamSecretKey { get; set; } = DefaultIamSecretKey;

    /// <summary>
    /// The V2 API Key <c>/v2/chat/completions</c> accepts as <c>Authorization: Bearer {key}</c>, besides bearer tokens
    /// issued by <c>/v1/BCE-BEARER/token</c> (until they expire) and <c>bce-auth-v1</c> signatures.
    /// </summary>
    public string V2ApiKey { get; set; } = DefaultV2ApiKey;

    /// <summary>
    /// The DashScope API key the <c>/api/v1</c> routes (Qwen text generation, Wanx image synthesis, tasks) accept as
    /// <c>Authorization: Bearer {key}</c>; anything else is 401 <c>InvalidApiKey</c>.
    /// </summary>
    public string DashScopeApiKey { get; set; } = DefaultDashScopeApiKey;

    /// <summary>
    /// The Zhipu API key (<c>{id}.{secret}</c>) the <c>/api/paas/v4</c> routes (GLM chat, asynchronous chat, CogView)
    /// accept as <c>Authorization: Bearer {key}</c>, or as the key a bearer JWT is signed with (its id the token's
    /// <c>api_key</c>, its secret the HMAC-SHA256 key); anything else is 401 with Zhipu's 100x codes.
    /// </summary>
    public string ZhipuApiKey { get; set; } = DefaultZhipuApiKey;

    /// <summary>
    /// The trigger phrase of the emulator's tool rule, "调用工具" by default; <see langword="null"/> or empty turns the
    /// trigger phrases off (the rest of the rule stays).
    /// </summary>
    /// <remarks>
    /// <para>The tool rule. A call that offers tools (V2 <c>tools</c>, V1 <c>functions</c>), whose last message is the
    /// user's and whose <c>tool_choice</c> is not <c>none</c>, is answered with tool calls instead of text when:</para>
    /// <list type="number">
    /// <item><c>tool_choice</c> names a function: that one;</item>
    /// <item>else the message names tools: it contains a tool's name or a word of its name or description, ignoring
    /// case. A name is cut into words at <c>_</c>, <c>-</c>, <c>.</c> and lower-to-upper case changes (<c>get_weather</c>
    /// and <c>getWeather</c> give <c>get</c>, <c>weather</c>), a description at spaces and punctuation; ASCII words count
    /// from three letters, except get, set, the, and, for, with, from, this, that, use, tool, tools, function; in
    /// Chinese every two neighbouring characters count as a word, except pairs with 的, 了, 是, 和, 与 or 或 (so
    /// "北京天气怎么样" names a tool described "查询城市的天气"). Every tool named is called, in the request's order,
    /// unless <c>parallel_tool_calls</c> is false (then the first); V1 calls one function a turn;</item>
    /// <item>else the message contains this phrase or "use a tool": the first tool;</item>
    /// <item>else, with V2's <c>tool_choice: "required"</c>, the first tool.</item>
    /// </list>
    /// <para>The arguments follow the tool's JSON Schema: every required property, a string as the user's message (an
    /// <c>enum</c>'s first value), a number or integer 0, a boolean false, an array <c>[]</c>, an object with its own
    /// required properties; properties that are not required are left out. A V2 stream sends each call's id, type and
    /// name once and its arguments in several fragments keyed by <c>index</c>; a V1 answer is a
    /// <c>function_call</c> with <c>thoughts</c> and <c>arguments</c> and <c>finish_reason: function_call</c>. The next
    /// turn's result (V2 role <c>tool</c>, V1 role <c>function</c>) is answered with a reply that quotes it.</para>
    /// </remarks>
    public string? ToolCallTrigger { get; set; } = DefaultToolCallTrigger;

    /// <summary>How long an issued access token lives (<c>expires_in</c>); 30 days like the real service.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Services deployed under their own API path (built with <see cref="ModelSpec.ForCustomEndpoint"/>), served
    /// besides every <see cref="ModelCatalog"/> endpoint; one with a catalog endpoint's name replaces it. They are served
    /// as V1 completions (<c>completions/{endpoint}</c>) and text-to-image services (<c>text2image/{endpoint}</c>) too.
    /// </summary>
    public IList<ModelSpec> CustomEndpoints { get; } = new List<ModelSpec>();

    /// <summary>
    /// Produces the reply text for a valid chat request, V1 or V2, and the continuation of a V1 completion (its prompt
    /// as the one user message); <see langword="null"/> uses the built-in deterministic
    /// reply that quotes the last user message (for a V2 call whose last message is a tool result, a reply that quotes
    /// the result). Called once per answered request, possibly concurrently; not called for a V2 answer that is a tool call.
    /// </summary>
    public Func<ChatReplyContext, string>? ReplyFactory { get; set; }

    /// <summary>
    /// The requests-per-minute quota advertised in <c>X-Ratelimit-Limit-Requests</c> (300). Advertised only:
    /// set <see cref="EmulatorScenarios.RpmLimit"/> to enforce a limit.
    /// </summary>
    public int RequestsPerMinute { get; set; } = 300;

    /// <summary>
    /// The tokens-per-minute quota advertised in <c>X-Ratelimit-Limit-Tokens</c> (300,000). Advertised only:
    /// set <see cref="EmulatorScenarios.TpmLimit"/> to enforce a limit.
    /// </summary>
    public int TokensPerMinute { get; set; } = 300_000;

    /// <summary>
    /// Where the emulator and Kestrel log; <see langword="null"/> (the default) logs nothing, so tests stay quiet.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// The clock for token expiry (access tokens, V2 bearer tokens and <c>bce-auth-v1</c> signatures), <c>created</c>
    /// stamps and the rate-limit windows; replace it to test a window or an expiry without waiting. Scenario delays
    /// always use real time.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
