using System.Text.Json.Nodes;
using ModelOps.Api.Tests.Notifications;

namespace ModelOps.Api.Tests.Insights;

/// <summary>Answers of the fake Gemini: the OpenAI chat-completions protocol as Gemini's compatible endpoint speaks it.</summary>
public static class ChatCompletions
{
    /// <summary>An OpenAI chat completion by <paramref name="model"/> whose message content is <paramref name="content"/>.</summary>
    public static Reply Completion(string content, string model = "gemini-2.5-flash") => new(200, new JsonObject
    {
        ["id"] = "chatcmpl-1",
        ["object"] = "chat.completion",
        ["created"] = 1764428400,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 900, ["completion_tokens"] = 120, ["total_tokens"] = 1020 },
    }.ToJsonString(), new Dictionary<string, string> { ["Content-Type"] = "application/json" });
}
