using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Chat;

/// <summary>Why a message or danmaku was not taken: the same status, code and words by REST and over the hub.</summary>
public sealed record ChatRefusal(int Status, string Code, string Detail, int? RetryAfterSeconds = null, DateTime? Until = null, string? Reason = null)
{
    public static ChatRefusal SignInRequired() => new(401, "auth.required", "Sign in to chat.");

    public static ChatRefusal Invalid(Dictionary<string, string[]> errors) =>
        new(400, "validation.failed", string.Join(" ", errors.Values.SelectMany(v => v)));

    /// <summary>A short summary; <see cref="Detail"/> says why and what to do.</summary>
    public string Title => Status switch
    {
        401 => "Sign in to chat",
        404 => "Not found",
        409 => "Chat is closed",
        429 => "Too fast",
        _ => "Message refused",
    };

    public ProblemHttpResult ToProblem(HttpContext http)
    {
        if (RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var extensions = new Dictionary<string, object?> { ["code"] = Code };
        if (RetryAfterSeconds is not null)
        {
            extensions["retryAfterSeconds"] = RetryAfterSeconds;
        }
        if (Code == "chat.banned")
        {
            extensions["until"] = Until;
            extensions["reason"] = Reason;
        }
        return TypedResults.Problem(statusCode: Status, title: Title, detail: Detail, extensions: extensions);
    }
}
