/// Hand-made cases for the scoring tests, as `.scenario` text.
enum Cases {
    /// Maria and the eviction notice: a full cycle with a premature call, an
    /// ungrounded goal, a plan that can leave a need out, a critical breach,
    /// optional monitoring and a return to assessment after implementation.
    ///
    /// Best path: intake#1 story#1 story#2 story#4 act#1 review#1 review#3 review#2 closing#1.
    static func maria(extraHeader: String = "") -> String {
        Support.header("maria", extra: extraHeader) + """
            start: intake

            finding eviction: Eviction hearing in 12 days
            finding low-mood: Poor sleep for three weeks

            == intake
            Maria sits at the edge of her chair, holding an eviction notice.

            * Introduce yourself and the limits of confidentiality.
              phase: engagement
              quality: +2
              upholds: informed-consent, confidentiality
              -> story

            * Call the landlord right now.
              phase: implementation
              quality: -2
              violates: self-determination (major)
              -> landlord

            == story
            She tells you about the notice.

            * Ask about the rent.
              phase: assessment
              quality: +2
              reveals: eviction
              once
              -> story

            * Ask how she has been sleeping.
              phase: assessment
              quality: +1
              reveals: low-mood
              once
              -> story

            * Plan the housing steps together.
              phase: planning
              quality: +1
              requires: revealed(eviction)
              addresses: eviction
              -> act

            * Plan housing and sleep together.
              phase: planning
              quality: +2
              requires: revealed(eviction) and revealed(low-mood)
              addresses: eviction, low-mood
              -> act

            * Add "better sleep" to the plan.
              phase: planning
              quality: -1
              requires: not revealed(low-mood)
              addresses: low-mood
              once
              -> story

            == act
            The plan is on the table.

            * Call the landlord together, with her consent.
              phase: implementation
              quality: +2
              upholds: self-determination
              -> review

            * Tell her sister everything so the family can help.
              phase: implementation
              quality: -2
              violates: confidentiality (critical)
              -> review

            == review
            A week later.

            * Check with her how the plan is going.
              phase: monitoring
              quality: +1
              once
              -> review

            * Evaluate the plan with her.
              phase: evaluation
              quality: +2
              -> closing

            * Go back and ask what has changed since the call.
              phase: assessment
              quality: +1
              once
              -> review

            == closing
            The work is nearly done.

            * Plan the ending together.
              phase: termination
              quality: +2
              -> home

            == landlord
            The landlord hangs up.

            * Apologise and start again.
              phase: engagement
              quality: +1
              -> story

            * Leave it there.
              phase: termination
              quality: -1
              -> walks-out

            == home [ending: goals-met]
            Maria keeps her home.

            == walks-out [ending: disengaged]
            Maria leaves.
            """
    }

    /// A crisis at the door: implementation in a `[crisis]` scene before any
    /// assessment, then the same kind of action outside the crisis.
    static let crisis =
        Support.header("crisis") + """
            start: door

            == door [crisis]
            Ana arrives bleeding and frightened.

            * Make her safe first: first aid and a safe room.
              phase: implementation
              quality: +2
              -> talk

            == talk
            She is calmer now.

            * Arrange a shelter place straight away.
              phase: implementation
              quality: +1
              -> safe

            * Introduce yourself and ask what she needs now.
              phase: engagement
              quality: +2
              -> safe

            == safe [ending: goals-met]
            Ana is safe tonight.
            """

    /// The counter hub of issue 16 (practicum-bench's `generateCounterHub`): a counter bounded at +-`bound`, an
    /// Up choice of positive quality, a Down choice, and a way out once the counter is back at 0 or below. Its
    /// 2 x `bound` + 1 counter values are one cycle of states.
    static func counterHub(bound: Int) -> String {
        Support.header("counter-hub") + """
            var n = 0

            == hub
            N is {n}.
            * Up
              phase: engagement
              quality: 1
              requires: n < \(bound)
              set: n + 1
              -> hub
            * Down
              phase: engagement
              quality: 0
              requires: n > -\(bound)
              set: n - 1
              -> hub
            * Leave
              phase: termination
              quality: 1
              requires: n <= 0
              -> end

            == end [ending: goals-met]
            End.
            """
    }

    /// A hub whose repeatable choice could be farmed, and a hub of `once` questions.
    static let hub =
        Support.header("hub") + """
            start: hub

            finding housing: Behind on rent
            finding health: Missed two clinic visits
            finding work: Lost her job in May

            var asked = 0

            == hub
            Lena waits for your next question.

            * Reflect what she has said so far.
              phase: engagement
              quality: +1
              -> hub

            * Ask about the rent.
              phase: assessment
              quality: +2
              reveals: housing
              set: asked + 1
              once
              -> hub

            * Ask about her health.
              phase: assessment
              quality: +1
              reveals: health
              set: asked + 1
              once
              -> hub

            * Ask about work.
              phase: assessment
              quality: +2
              reveals: work
              requires: asked >= 1
              set: asked + 1
              once
              -> hub

            * Tell her she should just get a job.
              phase: assessment
              quality: -2
              violates: dignity (minor)
              -> hub

            * Write the plan.
              phase: planning
              quality: +2
              requires: revealed(housing)
              addresses: housing, work
              -> plan

            == plan
            The plan is written.

            * Put it into action.
              phase: implementation
              quality: +2
              -> evaluate

            * Add her health to the plan.
              phase: planning
              quality: +1
              addresses: health
              once
              -> plan

            == evaluate
            A month later.

            * Review the plan with her.
              phase: evaluation
              quality: +2
              -> end

            * Close without review.
              phase: termination
              quality: -1
              -> end-partial

            == end
            * Say goodbye well.
              phase: termination
              quality: +1
              -> done

            == done [ending: goals-met]
            Lena is settled.

            == end-partial [ending: partial]
            Lena is on her own again.
            """
}
