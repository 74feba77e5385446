/// The starter case `practicum new` writes: a short, complete case that uses every part of the format once,
/// with comments that teach it. `{{ID}}` stands for the new case's id. `StarterCaseTests` checks that both
/// languages pass `check` with no warning and `simulate --strict`, and that they use every part of the format.
enum StarterCase {
    /// The languages a starter is written in.
    enum Language: String, CaseIterable {
        case en, id
    }

    /// The starter in that language, with the id filled in.
    static func text(id: String, language: Language) -> String {
        (language == .en ? english : indonesian).replacingOccurrences(of: "{{ID}}", with: id)
    }

    /// The English starter: a family support worker and Lena, a tired young mother, at a drop-in.
    static let english = #"""
// A starter case written by 'practicum new'. It is short, and it uses every
// part of the .scenario format once; each comment explains the lines under it.
// Play it, change it, and check it as you go:
//   practicum check {{ID}}.scenario
//   practicum simulate {{ID}}.scenario --strict
// The full format: docs/scenario-format.md. Lines that start with // are
// comments; in header and attribute lines, ' //' starts one at the line's end.

// ---- The header: everything before the first scene. Four keys are required.
title: Lena at the family centre
id: {{ID}}                // lowercase letters, digits and '-'; also the file's name
language: en                    // en or id: the language the student reads
level: micro                    // micro (a person), mezzo (a family, a group), macro (a community)
client: Lena, 29, mother of Milo (2), new to the area
setting: The Thursday drop-in at a family centre
minutes: 6                      // about how long one play takes
// A case that touches suicide, self-harm, abuse or violence says so before play.
content-warning: thoughts of suicide
author: Your name
version: 1
start: drop-in                  // the first scene; left out, play starts at the first scene written
// weights: how much each dimension counts here, instead of the rubric's.
weights: practice 30, lifecycle 20, ethics 30, planning 10, outcome 10
// Objectives are shown before play; [shown by: NAME] ties one to an expectation below.
objectives:
  - Say what stays confidential before asking about hard things [shown by: consent-first]
  - Ask plainly about suicide when a client hints at it [shown by: asked-directly]
  - Build the plan on what Lena already has in her life

// Findings: what assessment can reveal (into the case notes) and the plan can
// address. No kind is a need; [risk] is a danger; [strength] is a resource.
finding nights: Milo wakes five times a night and Lena has not slept more than three hours in weeks
finding dark-thoughts [risk]: Lena has thought that Milo would be better off without her
  safe when: safety-plan        // the risk is open until this holds where the play ends
finding neighbour [strength]: Her neighbour Mrs Osei has offered to take Milo some afternoons

// Variables: whole numbers or true/false. Choices change them with set:;
// requires:, [if ...] and expectations read them; {name} shows one.
var trust = 0
var explained = false
var safety-plan = false
var afternoons = 0

// Expectations: what a competent attempt must show, read where the play ends.
// (minor), (major) or (critical) is what missing it costs.
expect consent-first (major): explained
  because: Before a client tells you something hard, she should know what you
    keep to yourself and what you would have to pass on.
  principle: informed-consent   // or phase: the phase whose skill it shows
expect asked-directly (critical): revealed(dark-thoughts)
  because: "Better off without me" can be a remark about suicide. A competent
    worker asks about it plainly; asking does not put the idea in her head.
  when: visited(the-remark)     // only attempts that heard the remark are held to it
  phase: assessment

// ---- Scenes. '== NAME' starts one; the lines under it are what the student
// reads, and a blank line starts a new paragraph.
== drop-in
Lena sits by the window while Milo pushes a toy bus along the floor. Her
coffee has gone cold. "I only came for the toddler group," she says.

// A choice: '* ' and its text, then its attributes, indented two spaces.
* Ask her how she is coping at home with Milo, and what support she has.
  phase: assessment
  quality: 0
  feedback: A fair question, but she does not yet know who you are or what
    you will do with her answer.
  -> talk
* Sit down next to her, say who you are, and tell her what stays between you
  and when you would have to involve someone else.
  phase: engagement             // the lifecycle phase of the action
  quality: +2                   // -2 (harmful) to +2 (sound), at this moment
  upholds: informed-consent, confidentiality
  set: trust + 1, explained = true
  feedback: Saying what stays confidential, and what does not, before she
    tells you anything is informed consent in practice.
  -> talk
* Give her the sleep-routine leaflet and tell her that most mothers find it
  helps a lot.
  phase: implementation
  intervention: psychoeducation // the kind of intervention, from Content/interventions.json
  quality: -1
  violates: dignity (minor)     // a principle breached, and how badly
  set: trust - 1
  feedback: Advice before you know her tells her she is one of many.
  -> talk

== talk
[if trust >= 1] She turns her cup round in her hands and looks at you.
[if trust < 1] She keeps her eyes on Milo.
"He's up four, five times a night," she says. "Every night."

* Stay quiet for a moment. Then ask what the nights are like for her.
  phase: assessment
  quality: +2
  requires: trust >= 1          // offered only while this holds
  reveals: nights
  -> the-remark
* Ask whether anyone nearby has offered to help with Milo.
  phase: assessment
  quality: +1
  reveals: neighbour
  once                          // gone once taken
  -> talk
* Tell her it is a phase, that it will pass, and to respect her own limits.
  phase: engagement
  quality: -1
  -> stops-coming

// No choices, but '-> NAME': the student presses Enter to go on.
== the-remark
"Some nights I think Milo would be better off with someone else," she says
quietly. "Someone who isn't tired all the time."
-> ask

// [crisis]: safety first. Acting before a full assessment is not marked
// premature here.
== ask [crisis]
Milo stirs on the mat. Lena watches you, waiting for what you will say.
// reflect: the student writes a few sentences before the choices show.
reflect: What did you just hear, and what do you need to know now?
* Reassure her that every new mother feels like that, and move on to sleep.
  phase: engagement
  quality: -2
  reveals: nights
  -> plan
* Tell her that, for Milo's safety, you will have to call children's services
  today.
  phase: implementation
  quality: -2
  violates: self-determination (major)
  -> stops-coming
* Ask her plainly whether she has had thoughts of ending her life.
  phase: assessment
  quality: +2
  upholds: competence
  reveals: dark-thoughts
  -> safety

== safety
"Not a plan," she says. "Just the thought, at four in the morning."

* Make a safety plan with her: who she calls on a bad night, and the crisis
  line number saved in her phone.
  phase: planning
  quality: +2
  intervention: crisis-intervention
  addresses: dark-thoughts
  set: safety-plan = true
  -> plan
* Ask her to promise you she will not do anything to harm herself.
  phase: planning
  quality: -1
  addresses: dark-thoughts      // in the plan, but not safe: safe when: needs safety-plan
  -> plan

== plan
// [if ...] shows a line only when its condition holds: and, or, not and
// brackets combine conditions; visited(...) and revealed(...) ask about the play.
[if visited(the-remark) and not safety-plan] She will not quite meet your eye.
[if revealed(dark-thoughts) and safety-plan] She has the crisis line in her phone now.
Milo has fallen asleep on the play mat. "So what happens now?" Lena asks.
// dilemma: a scene with two sound answers that honour different values.
dilemma: Mrs Osei is close and known to Lena but untrained; the health visitor knows infant sleep but is one more stranger in the house.
* Plan with her to ask Mrs Osei to take Milo two afternoons a week, so that
  she can sleep.
  phase: planning
  quality: +2
  requires: revealed(neighbour)
  upholds: self-determination
  addresses: nights, neighbour
  set: afternoons = 2
  feedback: Help she already trusts, close to home; Mrs Osei has no training,
    so you will check how it goes.
  -> better-nights
* Agree with her to refer the family to the health visitor's sleep clinic.
  phase: planning
  quality: +2
  requires: (revealed(nights) or revealed(neighbour)) and trust >= 1
  intervention: case-management
  upholds: informed-consent
  addresses: nights
  feedback: Expert help with Milo's sleep; one more stranger in her home, and
    a wait of some weeks.
  -> sleep-clinic
* Leave it there for today and say the door is open next Thursday.
  phase: termination
  quality: 0
  pinned                        // keeps its place when play shuffles the choices
  -> next-thursday

// Endings: '[ending: OUTCOME]', text and nothing else. The outcomes are in
// Content/outcomes.json: goals-met, partial, referred, disengaged, harm.
== better-nights [ending: goals-met]
Mrs Osei takes Milo {afternoons} afternoons a week. Three weeks on, Lena is
sleeping, and she comes to the toddler group with her neighbour.

== sleep-clinic [ending: referred]
The health visitor calls Lena the next week and books the sleep clinic.

== next-thursday [ending: partial]
Lena says she will come next Thursday. Nothing has changed at home yet.

== stops-coming [ending: disengaged]
Lena does not come back to the drop-in.
"""#
}
