namespace Framecast.Infrastructure.Jobs;

/// <summary>A job claimed by this worker until <c>LeaseUntil</c>; <see cref="Attempts"/> counts this claim.</summary>
public sealed record JobLease(long Id, string Type, string Payload, int Attempts, int MaxAttempts);
