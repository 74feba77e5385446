import PracticumCore

/// The compiled rules at work on packed states: whether a choice is on offer, and the state taking it
/// leads to.
extension ExplorationKernel {
    // MARK: Running

    /// Whether the choice (codec numbering) is on offer in a state resting in its scene.
    func isOffered(_ choice: Int, in storage: [Int]) -> Bool {
        let word = onceWords[choice]
        if word >= 0 && storage[word] & (1 << (onceBits[choice] % 64)) != 0 { return false }
        guard let test = tests[choice] else { return true }
        return Self.evaluate(test, in: storage)
    }

    private static func evaluate(_ test: Test, in storage: [Int]) -> Bool {
        switch test {
        case .constant(let value): return value
        case .flag(let slot): return storage[slot] != 0
        case .compare(let lhs, let op, let rhs):
            let left: Int
            let right: Int
            switch lhs {
            case .slot(let slot): left = storage[slot]
            case .literal(let value): left = value
            }
            switch rhs {
            case .slot(let slot): right = storage[slot]
            case .literal(let value): right = value
            }
            return op.holds(left, right)
        case .bit(let word, let mask): return storage[word] & mask != 0
        case .not(let inner): return !evaluate(inner, in: storage)
        case .and(let lhs, let rhs): return evaluate(lhs, in: storage) && evaluate(rhs, in: storage)
        case .or(let lhs, let rhs): return evaluate(lhs, in: storage) || evaluate(rhs, in: storage)
        }
    }

    /// Writes into `target` the packed state that taking the choice (known to be on offer, with a move)
    /// leads to from `source`.
    func take(_ choice: Int, from source: [Int], into target: inout [Int]) {
        let move = moves[choice]!
        let transfer = move.transfer
        let sourceLayout = transfer.from
        let layout = transfer.to
        target.removeAll(keepingCapacity: true)
        target.reserveCapacity(layout.count)
        target.append(transfer.landing)
        for slot in transfer.variableSources {
            target.append(slot >= 0 ? source[slot] : initialSlots[-1 - slot])
        }
        for update in move.updates {
            switch update {
            case .add(let slot, let amount):
                let (sum, overflow) = target[slot].addingReportingOverflow(amount)
                target[slot] = overflow ? (amount > 0 ? Int.max : Int.min) : sum
            case .assign(let slot, let value):
                target[slot] = value
            }
        }
        for word in 0..<(layout.visitsStart - layout.findingsStart) {
            target.append(source[sourceLayout.findingsStart + word])
        }
        for (word, mask) in move.findingBits {
            target[layout.findingsStart + word] |= mask
        }
        for _ in layout.visitsStart..<layout.count { target.append(0) }
        for (bit, from) in transfer.visitSources.enumerated() where from >= 0 {
            if source[sourceLayout.visitsStart + from / 64] & (1 << (from % 64)) != 0 {
                target[layout.visitsStart + bit / 64] |= 1 << (bit % 64)
            }
        }
        for bit in transfer.visitsSet {
            target[layout.visitsStart + bit / 64] |= 1 << (bit % 64)
        }
        if transfer.keepsOnce {
            for word in 0..<(layout.count - layout.onceStart) {
                target[layout.onceStart + word] = source[sourceLayout.onceStart + word]
            }
            if move.ownOnceBit >= 0 {
                target[layout.onceStart + move.ownOnceBit / 64] |= 1 << (move.ownOnceBit % 64)
            }
        }
    }
}
