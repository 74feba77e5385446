print("practicum")
