using Mediator;

namespace ConsultDesk.Features.Award;

/// <summary>PLACEHOLDER (helper B replaces this file): at the entry deadline, mails every entrant of the round once.</summary>
public static class SendAwardDeadlineMails
{
    public sealed record Command : ICommand<Response>, Common.ISystemMessage;

    public sealed record Response(int RoundsClosed, int Mailed);

    public sealed class Handler : ICommandHandler<Command, Response>
    {
        public ValueTask<Response> Handle(Command command, CancellationToken cancellationToken) => ValueTask.FromResult(new Response(0, 0));
    }
}
