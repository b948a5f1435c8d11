namespace Framecast.Features.Comments;

/// <summary>
/// The job Comments queues, in the transaction that stores a reply, when someone answers another account's comment.
/// Comments declares it and handles none.
/// </summary>
public sealed record CommentReplied(string CommentId)
{
    public const string JobType = "comment.replied";
}
