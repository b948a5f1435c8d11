namespace Framecast.Infrastructure.Data;

/// <summary>Reacts to one PostgreSQL NOTIFY channel, on every node (<see cref="PostgresNotificationListener"/>).</summary>
public interface IDatabaseNotificationHandler
{
    string Channel { get; }

    Task HandleAsync(string payload, CancellationToken cancellationToken);

    /// <summary>Listening (again): whatever was notified while the connection was down is lost, so catch up.</summary>
    void OnListening();
}
