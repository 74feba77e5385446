/// A max-heap of (value, node) pairs for settling a component best first; among equal values the lower node
/// comes out first, so the order is fixed.
struct ValueHeap {
    private var items: [(value: Double, node: Int32)] = []

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    private func before(_ a: (value: Double, node: Int32), _ b: (value: Double, node: Int32)) -> Bool {
        a.value > b.value || (a.value == b.value && a.node < b.node)
    }

    mutating func push(_ value: Double, node: Int32) {
        items.append((value, node))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Double, Int32)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var first = parent
                if left < items.count && before(items[left], items[first]) { first = left }
                if right < items.count && before(items[right], items[first]) { first = right }
                if first == parent { break }
                items.swapAt(parent, first)
                parent = first
            }
        }
        return (top.value, top.node)
    }
}
