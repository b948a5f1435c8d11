namespace Framecast.Features.Chat;

/// <summary>The hub's answer to a send: the item as everyone receives it, or why it was refused (one of the two).</summary>
public sealed record SendResult(object? Item, SendError? Error);

public sealed record SendError(int Status, string Code, string Detail, int? RetryAfterSeconds, DateTime? Until, string? Reason)
{
    public static SendError From(ChatRefusal refusal) => new(refusal.Status, refusal.Code, refusal.Detail, refusal.RetryAfterSeconds, refusal.Until, refusal.Reason);
}
